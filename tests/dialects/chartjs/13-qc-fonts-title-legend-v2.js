{
  type: 'line',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May'],
    datasets: [{
      label: 'Users',
      data: [5,6,7,8,9],
    }]
  },
  options: {
    legend: {
      labels: {
        fontSize: 10,
        fontStyle: 'bold',
        fontColor: '#404040',
      }
    },
    title: {
      display: true,
      text: 'My Chart Title',
      fontSize: 20,
      fontColor: '#000',
    },
    scales: {
      yAxes: [
        {
          ticks: {
            beginAtZero: true,
            fontFamily: 'Mono',
            fontColor: '#0f0',
          },
        },
      ],
      xAxes: [
        {
          ticks: {
            fontFamily: 'Serif',
            fontStyle: 'italic',
            fontColor: '#f0f',
          },
        },
      ],
    },
  },
}
