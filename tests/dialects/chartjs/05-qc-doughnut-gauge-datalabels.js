{
  type: 'doughnut',
  data: {
    datasets: [
      {
        data: [24, 66],
        backgroundColor: ['green', '#eee'],
        label: 'Dataset 1',
        borderWidth: 0,
      },
    ],
    labels: ['A', 'C'],
  },
  options: {
    circumference: Math.PI,
    rotation: Math.PI,
    cutoutPercentage: 75,
    layout: {
      padding: 40,
    },
    legend: {
      display: false,
    },
    plugins: {
      datalabels: {
        color: '#404040',
        anchor: 'end',
        align: 'end',
        formatter: (val) => val + '%',
        font: {
          size: 25,
          weight: 'bold',
        },
      },
      doughnutlabel: {
        labels: [
          {
            text: '\nYour status is',
            font: {
              size: 20,
            },
          },
          {
            text: '\nhealthy',
            color: '#000',
            font: {
              size: 25,
              weight: 'bold',
            },
          },
        ],
      },
    },
  },
}
