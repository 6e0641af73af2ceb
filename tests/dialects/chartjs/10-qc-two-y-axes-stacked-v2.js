{
  type: 'bar',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May', 'June', 'July'],
    datasets: [
      {
        type: 'line',
        label: 'Dataset 1',
        yAxisID: 'y2',
        data: [61, 21, 68, 50, 56, 89, 95],
        fill: false,
      },
      {
        label: 'Dataset 2',
        yAxisID: 'y1',
        data: [226, 16, 44, 84, 11, 14, 25],
      },
      {
        label: 'Dataset 3',
        yAxisID: 'y1',
        data: [40, 6, 4, 8, 12, 24, 45],
      },
    ],
  },
  options: {
    scales: {
      xAxes: [
        {
          stacked: true,
        },
      ],
      yAxes: [
        {
          id: 'y1',
          display: true,
          position: 'left',
          stacked: true,
        },
        {
          id: 'y2',
          display: true,
          position: 'right',
          gridLines: {
            drawOnChartArea: false,
          },
        },
      ],
    },
  },
}
